from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations

# Kept literal (migrations are frozen); core/text.py holds the same two alphabets.
ACCENTED = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ"
UNACCENTED = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy"

CREATE_FOLD = f"""
CREATE OR REPLACE FUNCTION crm_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT lower(translate($1, '{ACCENTED}', '{UNACCENTED}')) $$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        TrigramExtension(),
        BtreeGistExtension(),
        migrations.RunSQL(CREATE_FOLD, "DROP FUNCTION IF EXISTS crm_fold(text);"),
    ]
