"""Demo data: every app contributes an idempotent loader, run in this order by load_demo."""

from importlib import import_module

# Each entry is "module.function"; the function loads its app's demo rows idempotently and
# returns lines to print (for example the demo accounts and how to sign in).
LOADERS = [
    "focal_points.demo.load",
    "documents.demo.load",
    "accounts.demo.load",
]


def run_loaders() -> list[str]:
    """Run every app's demo loader that exists and collect what they ask to print."""
    lines: list[str] = []
    for dotted in LOADERS:
        module_name, function_name = dotted.rsplit(".", 1)
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        lines.extend(getattr(module, function_name)() or [])
    return lines
