"""The Presidency's report on a working group to a GRCM meeting, and the handover package.

selectors.py   the report's figures, read in a constant number of queries
charts.py      the pictures, drawn on the server as SVG (coverage matrix, indicator bars)
pdf.py         the print version (WeasyPrint), fetching only the portal's static files
publishing.py  the frozen report stored in the library and linked to the GRCM meeting
handover.py    the ZIP for the incoming presidency
"""
