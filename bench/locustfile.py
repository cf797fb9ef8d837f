"""The load mix of `make load`: 70% public pages, 20% library searches, 10% staff pages.

Run by bench/load.py against gunicorn on 127.0.0.1; LOAD_* variables carry what it set up.
"""

import os
import random

from locust import HttpUser, between, task

COUNTRIES = ["bz", "ca", "cr", "sv", "us", "gt", "hn", "mx", "ni", "pa", "do"]
SEARCHES = [
    ("es", "migración"),
    ("es", "migracion laboral"),
    ("es", "proteccion consular"),
    ("es", "remesas desarrollo"),
    ("en", "migration"),
    ("en", "human rights"),
    ("en", "returning migrants"),
    ("es", "A/63/265"),
]
GROUPS = os.environ.get("LOAD_GROUPS", "").split(",")
DOCUMENTS = os.environ.get("LOAD_DOCUMENTS", "").split(",")
LIBRARY_PAGES = int(os.environ.get("LOAD_LIBRARY_PAGES", "1"))


class Visitor(HttpUser):
    """Someone reading the public directory and the library."""

    weight = 70
    wait_time = between(1, 3)

    @task(2)
    def home(self):
        self.client.get("/es/", name="home")

    @task(2)
    def countries(self):
        self.client.get("/es/directory/countries/", name="countries")

    @task(4)
    def country(self):
        self.client.get(f"/es/directory/countries/{random.choice(COUNTRIES)}/", name="country")

    @task(1)
    def groups(self):
        self.client.get("/en/directory/groups/", name="groups")

    @task(2)
    def group(self):
        self.client.get(f"/en/directory/groups/{random.choice(GROUPS)}/", name="group")

    @task(3)
    def library(self):
        deep = random.randint(1, min(LIBRARY_PAGES, 200))
        page = random.choice([1, 1, min(2, LIBRARY_PAGES), deep])
        self.client.get(f"/es/documents/?page={page}", name="library")

    @task(2)
    def document(self):
        self.client.get(f"/es/documents/{random.choice(DOCUMENTS)}/", name="document")


class Searcher(HttpUser):
    """Someone searching the library."""

    weight = 20
    wait_time = between(1, 3)

    @task
    def search(self):
        language, text = random.choice(SEARCHES)
        self.client.get(f"/{language}/documents/", params={"q": text}, name="library search")


class Staff(HttpUser):
    """The Secretariat at work in the directory and library admin."""

    weight = 10
    wait_time = between(1, 3)

    def on_start(self):
        login = "/es/admin/login/"
        self.client.get(login, name="admin login")
        self.client.post(
            login,
            {
                "username": os.environ["LOAD_ADMIN_USER"],
                "password": os.environ["LOAD_ADMIN_PASSWORD"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "next": "/es/admin/",
            },
            name="admin login",
        )

    @task(3)
    def focal_points(self):
        self.client.get("/es/admin/focal_points/focalpoint/", name="admin focal points")

    @task(2)
    def search(self):
        term = random.choice(["nunez", "maria", "pena", "ministerio"])
        self.client.get(
            "/es/admin/focal_points/focalpoint/", params={"q": term}, name="admin search"
        )

    @task(1)
    def coverage(self):
        self.client.get("/es/admin/focal_points/focalpoint/coverage/", name="admin coverage")

    @task(2)
    def documents(self):
        self.client.get("/es/admin/documents/document/", name="admin documents")
