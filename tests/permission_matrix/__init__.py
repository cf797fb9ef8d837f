"""Who may open which page: every page against every role, refusals leaking nothing.

The matrix is data. To cover a new page, add one `row(...)` with the expected answer per
role, in ROLES order (roles.py lists the answers and the usual answer rows), to the PAGES of
its area's module:
  test_public_pages.py     the public directory (home, countries, groups, sitemap)
  test_self_service.py     a focal point's own pages: sign-in, my entry, contacts and lists
  test_directory_admin.py  the directory's staff pages (coverage, history, sheets, queue)
  test_library.py          the document library, public and admin
  test_meetings.py         meetings, calendars, invitations, plans, the Presidency's report
A new ModelAdmin gets its list, add, object and history rows (test_admin_registry.py) and its
deletes and bulk actions (test_admin_writes.py) from one entry in admin_models.py.
test_url_guard.py fails until every named URL has a row or a stated exemption;
test_admin_registry.py until every registered ModelAdmin and bulk action has its entry.
world.py builds the objects the rows open, once for the package (conftest.py).
"""
