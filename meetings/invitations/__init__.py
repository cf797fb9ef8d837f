"""Invitations to a meeting and the answers to them.

plan.py      who would be invited, per delegation (the preview), and the reply board
services.py  invite, answer, remind, send again: writes with their rules
sending.py   the e-mails, sent outside the request by invitation_send_pending()
"""
