"""Record history for any model pghistory tracks: read it, show it in the admin, revert it.

Generic over pghistory's event models: this package imports no portal app. Each app passes
the models it tracks (the directory its people and seats, the library its documents).
"""
