"""Accent folding shared by Python and the database function crm_fold()."""

# The same two alphabets feed the SQL function (migration 0001) and Python, so a term folded
# here matches a column folded there. Postgres here has no unaccent extension.
ACCENTED = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ"
UNACCENTED = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy"
_TABLE = str.maketrans(ACCENTED, UNACCENTED)


def fold(text: str) -> str:
    """Return text without accents and in lower case, as crm_fold() does in SQL."""
    return text.translate(_TABLE).lower()
