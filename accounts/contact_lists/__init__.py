"""The contact list of a working group, a country or the whole directory, in every format.

rows.py reads the list once (one query) into plain rows; pdf.py, xlsx.py and vcard.py turn
those rows into files; the BCC list is read from the same rows. Who may read which list is
decided by accounts.selectors (on focal_points.access).
"""
