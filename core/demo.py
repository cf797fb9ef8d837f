"""Demo data: every app contributes an idempotent loader, run in this order by load_demo."""

from importlib import import_module

from django.conf import settings


def run_loaders() -> list[str]:
    """Run every app's demo loader that exists and collect what they ask to print."""
    lines: list[str] = []
    # The configuration names the loaders (settings.PORTAL_DEMO_LOADERS): the ground floor
    # never names the apps above it.
    for dotted in settings.PORTAL_DEMO_LOADERS:
        module_name, function_name = dotted.rsplit(".", 1)
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        lines.extend(getattr(module, function_name)() or [])
    return lines
