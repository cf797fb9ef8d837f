"""The directory in the admin, for the Secretariat, the PPT and country coordinators.

base.py       rights from the access layer, history, the shared form and filters
reference.py  countries, institutions, working groups, presidencies
people.py     focal points and their designations (with the successor rule's form)
pages.py      the staff pages: coverage, seat history, letters, recent changes
queues.py     change requests and the verification sending log
"""

from focal_points.admin import people, queues, reference  # noqa: F401  (registers the admins)
