"""The directory in the admin, for the Secretariat, the PPT and country coordinators.

base.py       rights from the access layer, history, the shared form and filters
reference.py  countries, institutions, working groups, presidencies
people.py     focal points: the list, the change page with its seats, retiring
designations.py  designations: own page, inline, the successor rule's form
filters.py    the focal-point list's filters
pages.py      the staff pages: coverage, seat history, letters, recent changes
queues.py     change requests and the verification sending log
"""

from focal_points.admin import designations, people, queues, reference  # noqa: F401
