"""Accent- and case-insensitive lookups built on the crm_fold() SQL function, and pk__any."""

from django.db.models import BigAutoField, CharField, Func, Lookup, TextField, Transform

FOLD_FUNCTION = "crm_fold"


class Fold(Func):
    """crm_fold(expression): lower case, accents removed; indexable (IMMUTABLE)."""

    function = FOLD_FUNCTION
    output_field = TextField()


class Folded(Transform):
    """`field__fold`: compare on the folded value."""

    lookup_name = "fold"
    function = FOLD_FUNCTION
    output_field = TextField()


class FoldedContains(Lookup):
    """`field__fold_icontains`: "jose" finds "José"; usable in admin search_fields."""

    lookup_name = "fold_icontains"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [f"%{connection.ops.prep_for_like_query(value)}%"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{FOLD_FUNCTION}({lhs}) LIKE {FOLD_FUNCTION}({rhs})", [*lhs_params, *rhs_params]


for field_class in (CharField, TextField):
    field_class.register_lookup(Folded)
    field_class.register_lookup(FoldedContains)


class AnyOf(Lookup):
    """`pk__any=[...]`: one array parameter instead of one per value (IN with hundreds of items)."""

    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


BigAutoField.register_lookup(AnyOf)
