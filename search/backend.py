"""The site's search backend: Wagtail's database backend, bilingual and accent-insensitive.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"`` (see config/settings/base.py).

- PostgreSQL: Wagtail's PostgreSQL backend with the text search configurations that
  ``search/migrations/0001`` creates: ``ptf_fr`` and ``ptf_en`` (``unaccent`` then the French or
  English Snowball stemmer) and ``ptf_simple`` (``unaccent``, no stemming: suggestions).
  Each object is indexed in the configuration of its language: a page, an organisation or a
  report series (translatable models) in its locale's; an object that carries both languages
  (a library document, an IATI activity) in both, concatenated. A query is parsed in every
  configuration and the results are the union ("plan de développement" keeps its French stop
  word out in French and finds English text through the English parser), so "developpement" =
  "développement", "ecoles" finds "école", "health" finds "health sector".
- SQLite (the quick start) and other databases: Wagtail's own database backend for the vendor.
  SQLite FTS5's ``unicode61`` tokenizer removes diacritics: accent-insensitive, no stemming.

Cost: the same SQL as Wagtail's backend (one query per search; one INSERT per indexing batch,
plus one query per batch for the locales' languages).
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import Phrase
from wagtail.models import Locale

LANGUAGE_CONFIGS = {"fr": "ptf_fr", "en": "ptf_en"}
SIMPLE_CONFIG = "ptf_simple"


class SqlVector:
    """A tsvector as SQL: exactly what ``SearchVector(Value(text), weight=…, config=…)`` and
    ``+`` compile to (same SQL, same parameters; tests/search/test_backend_vectors.py), without
    building a Django expression (and a ``TextField``) per text: indexing 500 objects took
    ~1.5 s of Python for the expressions alone."""

    contains_aggregate = contains_over_clause = contains_column_references = False

    def __init__(self, sql, params):
        self.sql, self.params = sql, params

    @classmethod
    def of(cls, text, weight, config):
        sql = "setweight(to_tsvector(%s::regconfig, COALESCE(%s, %s)), %s)"
        return cls(sql, [config, text, "", weight])

    def __add__(self, other):
        return SqlVector(f"({self.sql} || {other.sql})", self.params + other.params)

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection):
        return self.sql, list(self.params)


class BilingualObjectIndexer(postgres.ObjectIndexer):
    """Wagtail's indexer, writing each text once per configuration of the object's language(s)."""

    def __init__(self, obj, backend, configs):
        super().__init__(obj, backend)
        self.configs = configs

    def as_vector(self, texts, for_autocomplete=False):
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return postgres.EMPTY_VECTOR
        configs = [self.autocomplete_config] if for_autocomplete else self.configs
        return postgres.ADD(
            [SqlVector.of(text, weight, config) for config in configs for text, weight in texts]
        )


class BilingualPostgresIndex(postgres.PostgresIndex):
    def configs_for(self, objs):
        """The configurations of each object: its locale's, or all of them."""
        every = list(self.backend.language_configs.values())
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
            if locale_ids
            else []
        )
        configs = []
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None), "")[:2]
            config = self.backend.language_configs.get(language)
            configs.append([config] if config else every)
        return configs

    def add_items(self, model, objs):
        """Wagtail's ``PostgresIndex.add_items`` (modelsearch 1.3.2), with our indexer."""
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        IndexEntry = postgres.IndexEntry
        indexers = [
            BilingualObjectIndexer(obj, self.backend, configs)
            for obj, configs in zip(objs, self.configs_for(objs), strict=True)
        ]
        content_type_pk = postgres.get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append("(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*vectors))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
                "autocomplete, body, title_norm, title_text, body_text) "
                f"(VALUES {', '.join(rows)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


class BilingualQueryMixin:
    """Parse the query in every configuration and match any of them (OR of whole queries)."""

    def get_config(self, backend):
        return tuple(backend.language_configs.values())

    def build_tsquery_content(self, query, config=None, invert=False):
        """Wagtail's, but an excluded phrase (``-"a b"``) is excluded: modelsearch 1.3.2 drops
        the inversion of a ``Phrase`` and searched for it instead."""
        if isinstance(query, Phrase) and invert:
            return ~SearchQuery(query.query_string, search_type="phrase", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        combined = None
        for one in config:
            tsquery = super().build_tsquery(query, config=one)
            if tsquery is not None:
                combined = tsquery if combined is None else combined | tsquery
        return combined

    def get_fields_vectors(self, search_query):
        """``search(fields=[…])``: each field parsed in every configuration."""
        return [
            (
                postgres.ADD([SearchVector(lookup, config=config) for config in self._configs]),
                field.boost,
            )
            for lookup, field in self.search_fields.items()
        ]


class BilingualSearchQueryCompiler(BilingualQueryMixin, postgres.PostgresSearchQueryCompiler):
    _configs = tuple(LANGUAGE_CONFIGS.values())

    def search(self, config, start, stop, score_field=None, backend=None):
        self._rank_used = self.order_by_relevance or score_field is not None
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def _build_rank_expression(self, vectors, config):
        """Wagtail's, not built when Wagtail then drops it (a search neither ordered by relevance
        nor scored, e.g. ``search/ranked.py``'s): a third of the Python time of such a search."""
        if not getattr(self, "_rank_used", True):
            return F("pk")
        return super()._build_rank_expression(vectors, config)


class BilingualPostgresSearchBackend(postgres.PostgresSearchBackend):
    """Wagtail's PostgreSQL backend with per-language, accent-insensitive configurations."""

    query_compiler_class = BilingualSearchQueryCompiler
    index_class = BilingualPostgresIndex

    def __init__(self, params):
        params = {"SEARCH_CONFIG": LANGUAGE_CONFIGS["fr"], **params}
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", LANGUAGE_CONFIGS))
        # Suggestions: accent-insensitive prefixes, no stemming (Wagtail uses "simple").
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", SIMPLE_CONFIG)


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    """The backend for the default database's vendor (Wagtail's dispatch, ours on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return BilingualPostgresSearchBackend(params)
    params = {key: value for key, value in params.items() if key != "LANGUAGE_CONFIGS"}
    return vendor_backend(params)
