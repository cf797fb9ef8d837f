"""Circulars: who receives one, composing and queueing, the e-mails, the confirm link.

recipients.py  the criteria (groups, countries, seats, a meeting's invitees) resolved to people
services.py    circular_create, circular_update, circular_queue (the delivery rows)
sending.py     the e-mail of each delivery row, sent by circular_send_pending on the queue
links.py       the signed confirm link of a communication test
confirm.py     the page that link opens
archive.py     the members' archive of the circulars sent to them; progress counts
"""
