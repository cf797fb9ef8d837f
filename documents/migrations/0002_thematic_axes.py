from django.db import migrations

# The three axes of the CRM Plan of Action (frozen here: migrations never import app code).
AXES = [
    ("migration-policy-and-management", "Políticas Migratorias y Gestión",
     "Migration Policy and Management", 1),
    ("human-rights", "Derechos Humanos", "Human Rights", 2),
    ("migration-and-development", "Migración y Desarrollo", "Migration and Development", 3),
]


def create_axes(apps, schema_editor):
    ThematicAxis = apps.get_model("documents", "ThematicAxis")
    for slug, name_es, name_en, position in AXES:
        ThematicAxis.objects.update_or_create(
            slug=slug,
            defaults={"name": name_es, "name_es": name_es, "name_en": name_en,
                      "position": position},
        )


def remove_axes(apps, schema_editor):
    ThematicAxis = apps.get_model("documents", "ThematicAxis")
    ThematicAxis.objects.filter(slug__in=[axis[0] for axis in AXES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create_axes, remove_axes)]
