"""The search backend's SQL vectors (``search.backend.SqlVector``) compile to exactly what
Django's ``SearchVector`` expressions give: same SQL, same parameters, same nesting."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres

from search.backend import SqlVector


def _expression(texts, config):
    return postgres.ADD(
        [
            SearchVector(Value(text, output_field=TextField()), weight=weight, config=config)
            for text, weight in texts
        ]
    )


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7])
def test_sql_vector_is_the_search_vector_sql(count, requires_postgres):
    texts = [(f"texte n° {n} — école", "ABCD"[n % 4]) for n in range(count)]
    compiler = InsertQuery(postgres.IndexEntry).get_compiler(connection=connection)
    field = postgres.IndexEntry._meta.get_field("body")
    expected = compiler.prepare_value(field, _expression(texts, "ptf_fr"))
    fast = compiler.prepare_value(
        field, postgres.ADD([SqlVector.of(text, weight, "ptf_fr") for text, weight in texts])
    )
    assert fast.as_sql(compiler, connection) == expected.as_sql(compiler, connection)
