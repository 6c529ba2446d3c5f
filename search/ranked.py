"""The site search on PostgreSQL: ranking, limits and facet counts done by the database.

``run(request, site_query, language, groups)`` answers a results page with **one SQL
statement** whatever the data size, built from Wagtail's own search querysets (so the matching,
the configurations of ``search/backend.py`` and the score are Wagtail's):

1. ``m``, a materialised CTE: the ``CAP`` best candidates of every kind (``sources.KINDS``:
   each kind's queryset carries its visibility rules) — the best by title score then the
   newest, or the newest when sorted by date — one light row each: kind, pk, score, date, year,
   page type, document type, partner, groups, audiences. The text match uses the GIN index on
   ``(content_type_id, title || body)`` (``search/migrations/0004``); only the title vectors
   of matching entries are read, for the score; the groups and audiences are read for the rows
   kept only (PostgreSQL computes such columns above ``ORDER BY … LIMIT``). A phrase is
   matched in two steps: the index preselects the entries having all of its words
   (``relaxed``), then the phrase is checked on the candidates kept (column ``ok``; only
   ``PHRASE_CAP`` of them), since checking it reads the whole body vector (0.5 s for 10,000
   documents before this).
2. In the same statement: the facet counts as aggregates over ``m`` (for each facet, the rows
   passing the other facets selected: "faceted search"), the total and the count per kind,
   the kinds whose candidates reached ``CAP`` (the page then says that only the best matches
   are counted, as ``engine.MAX_HITS`` does on other backends); and the best
   ``page × PAGE_SIZE`` rows of each kind (a window per kind), which Python merges: the global
   best ``n`` are among the best ``n`` of each kind.

Why a cap: without it a word present in nearly every document (``developpement`` in 97 % of
the bench's) made every later step (groups, audiences, facets, sorts, full scores) work on
10,000 rows: p95 of 20 typical queries ~300 ms; with it, the work past the index is bounded.

The statement runs with ``SET LOCAL enable_seqscan = off`` (and ``SETTINGS``): the planner does not count the
detoasting of each entry's vectors, and on a common word ("santé" in a quarter of the entries)
it prefers a sequential scan ten times slower than the GIN index. The settings and the
statement travel as one query string, which PostgreSQL runs as one (implicit) transaction: the
settings end with it (inside a transaction already open, e.g. a test's, they last until its end:
plans only, never results). SQL cost: **one query**, whatever the page number (a page past the last
is the last page, as Django's ``Paginator.get_page``: the statement limits the rows to it),
plus the display data of the page shown (``sources``).

Python: each kind's part is compiled through Wagtail's search API once per query shape and
visibility rules, then reused with each search's words (``shapes``): 40 ms of Python per results
page before, about 3 ms now.

Other backends (SQLite, Elasticsearch/OpenSearch) use ``engine``'s generic path.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import CharField, DateField, F, IntegerField, OuterRef, Value
from django.db.models.functions import Cast, Coalesce
from modelsearch.query import And, Or, Phrase, PlainText

from . import shapes
from .sources import KINDS, Hit

COLUMNS = ("s_pk", "s_score", "s_date", "s_ct", "s_path", "s_doctype", "s_partner", "s_groups",
           "s_audiences", "s_entry", "s_query")  # fmt: skip
RANKED = 100  # matches of one kind given the full score (title and body vectors): 10 pages
# Planner settings of the statement (module docstring): no sequential scan of the index, no
# nested loop (on tables never analysed, e.g. just after a restore or in tests, PostgreSQL
# expects one row and repeats the GIN scan of the matches once per page: 1.7 s for 90 pages),
# no JIT (compiling costs more than the statement), no parallel worker (starting one cost
# 10-25 ms for a part of 5,000 entries, on a server whose cores serve other requests too), and
# operators costed 4x the default: a tsvector match is estimated as cheap as ``=`` although it
# detoasts the body vector, so on a word in 60 % of the documents the planner filtered all
# 10,000 document entries found by the content-type index (190-265 ms) rather than read the
# GIN index on (content type, text) (no body read: 46 ms for the whole statement).
SETTINGS = (
    "SET LOCAL enable_seqscan = off; SET LOCAL enable_nestloop = off; SET LOCAL jit = off;"
    " SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL cpu_operator_cost = 0.01; "
)
CAP = 1000  # candidates kept per kind (the best by title score, or the newest): "at least"
PHRASE_CAP = 300  # the same for a query with a phrase: each candidate's body vector is read
_NONE = {
    "s_date": Value(None, output_field=DateField()),
    "s_ct": Value(None, output_field=IntegerField()),
    "s_path": Value(None, output_field=CharField()),
    "s_doctype": Value(None, output_field=CharField()),
    "s_partner": Value(None, output_field=CharField()),
    "s_groups": Value(None, output_field=CharField()),
    "s_audiences": Value(None, output_field=CharField()),
}


def available(backend):
    """Whether this fast path applies: our PostgreSQL backend on a PostgreSQL database."""
    from .backend import BilingualPostgresSearchBackend

    return connection.vendor == "postgresql" and isinstance(backend, BilingualPostgresSearchBackend)


def _columns(key):
    """The light row of kind ``key`` as annotations (names in ``COLUMNS``)."""
    from wagtail.documents import get_document_model

    from iati_publisher.models import Activity

    columns = dict(_NONE, s_pk=F("pk"))
    if key == "page":
        columns.update(
            s_date=Cast("first_published_at", DateField()),
            s_ct=F("content_type_id"),
            s_path=F("path"),
        )
    elif key == "document":
        through = get_document_model()
        columns.update(
            s_date=F("publication_date"),
            s_doctype=F("document_type"),
            s_groups=ArraySubquery(
                through.thematic_groups.through.objects.filter(
                    customdocument_id=OuterRef("pk")
                ).values("thematicgrouppage_id")
            ),
            s_audiences=ArraySubquery(
                through.audiences.through.objects.filter(customdocument_id=OuterRef("pk")).values(
                    "audience__code"
                )
            ),
        )
    elif key == "activity":
        columns.update(
            s_date=F("start_date"),
            s_partner=F("reporting_org__ref"),
            s_groups=ArraySubquery(
                Activity.thematic_groups.through.objects.filter(activity_id=OuterRef("pk")).values(
                    "thematicgrouppage_id"
                )
            ),
        )
    elif key == "edition":
        columns.update(s_date=Coalesce("published_on", "expected_date"))
    return columns


def relaxed(query):
    """``query`` with each phrase outside a NOT replaced by all of its words: a superset of its
    matches that the GIN index decides alone. A phrase needs the positions, i.e. reading (and
    decompressing) the whole body vector of every candidate: 0.5 s on 10,000 documents."""
    if isinstance(query, Phrase):
        return PlainText(query.query_string, operator="and")
    if isinstance(query, And | Or):
        subqueries = [relaxed(subquery) for subquery in query.subqueries]
        if any(new is not old for new, old in zip(subqueries, query.subqueries, strict=True)):
            return type(query)(subqueries)
    return query  # the same object when it holds no phrase to relax


def _order(sort):
    """The order of the candidates kept (``CAP``): the best by title score, or the newest."""
    score, date, pk = "k0.s_score DESC", "k0.s_date DESC NULLS LAST", "k0.s_pk DESC"
    return ", ".join((date, score, pk) if sort == "date" else (score, date, pk))


def _kind_sql(backend, queryset, key, search_query, sort, cap):
    """(SQL, params, weights) of the ``cap`` best candidates of one kind, through Wagtail's
    search API: the light row of ``_columns`` with the title score, the index entry and the
    tsquery."""
    from django.contrib.postgres.search import SearchQueryField, SearchRank
    from django.db.models import ExpressionWrapper

    results = backend.search(
        relaxed(search_query), queryset, operator="and", order_by_relevance=False
    )
    compiler = results.query_compiler
    tsquery = ExpressionWrapper(
        compiler.build_tsquery(search_query, config=compiler.get_config(backend)),
        output_field=SearchQueryField(),
    )
    columns = _columns(key)
    columns.update(
        s_score=SearchRank(F("index_entries__title"), tsquery, weights=compiler.sql_weights)
        * F("index_entries__title_norm"),
        s_entry=F("index_entries__id"),
        s_query=tsquery,
    )
    sql, params = (
        results.get_queryset().order_by().annotate(**columns).values_list(*COLUMNS)
    ).query.sql_with_params()
    # ORDER BY … LIMIT over the (flattened) subquery: PostgreSQL computes the costly columns
    # (the groups' and audiences' subqueries) for the rows kept only. (In SQL rather than with
    # the ORM: compiling that ORDER BY was a fifth of the Python time.)
    sql = f"SELECT * FROM ({sql}) AS k0 ORDER BY {_order(sort)} LIMIT {cap:d}"
    return sql, list(params), compiler.sql_weights


def _matches(backend, request, language, search_query, groups, sort="relevance"):
    """The SQL (and parameters) of the CTE ``m``: the ``CAP`` best candidates of every kind, one
    light row each, with the title score (cheap: a short vector stored inline), the index entry
    and the tsquery for the full score of the best (``statement``), and ``ok``: whether the
    candidate matches the query itself (a phrase is checked on the candidates only)."""
    parts, params, weights = [], [], None
    loose = relaxed(search_query)
    exact_sql, cap = "TRUE", CAP
    if loose is not search_query:
        cap = PHRASE_CAP
        exact_sql = (
            "(SELECT (e.title || e.body) @@ k.s_query FROM wagtailsearch_indexentry AS e"
            " WHERE e.id = k.s_entry)"
        )
    for key, kind in KINDS.items():
        queryset = kind.queryset(request, language)
        # The SQL depends on the query's shape and on the kind's visibility rules (its own SQL
        # and parameters: ~0.3 ms to compile), not on the words (``shapes``).
        visibility = queryset.query.sql_with_params()
        sql, part_params, weights = shapes.compiled(
            (key, language, sort, cap, visibility[0], repr(visibility[1])),
            search_query,
            lambda query, queryset=queryset, key=key: _kind_sql(
                backend, queryset, key, query, sort, cap
            ),
        )
        group_sql = "k.s_groups::int[]"
        if key == "page":
            # The page's group: the deepest thematic group page above it (``group_of_path``);
            # its placeholders come before the subquery's in the SQL text.
            group_sql = (
                "ARRAY(SELECT g.source FROM unnest(%s::text[], %s::int[]) AS g(path, source) "
                "WHERE starts_with(k.s_path, g.path) ORDER BY length(g.path) DESC LIMIT 1)"
            )
            paths = groups["paths"]
            part_params = ([path for path, _ in paths], [src for _, src in paths], *part_params)
        parts.append(
            f"SELECT %s AS kind, k.s_pk AS pk, k.s_score::float8 AS score, k.s_date::date AS date,"
            f" EXTRACT(YEAR FROM k.s_date::date)::int AS year, k.s_ct::int AS ct,"
            f" k.s_doctype::text AS doctype, k.s_partner::text AS partner,"
            f" COALESCE({group_sql}, '{{}}') AS groups,"
            f" COALESCE(k.s_audiences::text[], '{{}}') AS audiences, k.s_entry AS entry,"
            f" k.s_query AS query, COALESCE({exact_sql}, FALSE) AS ok FROM ({sql}) AS k"
        )
        params += [key, *part_params]
    return " UNION ALL ".join(parts), params, weights, cap


def _conditions(selected):
    """{facet: (SQL condition on a row of ``m``, params)} for the facets the visitor chose."""
    sql = {
        "kind": "m.kind = ANY(%s)",
        "group": "m.groups && %s::int[]",
        "year": "m.year = ANY(%s)",
        "audience": "m.audiences && %s::text[]",
        "doctype": "m.doctype = ANY(%s)",
        "partner": "m.partner = ANY(%s)",
    }
    return {facet: (sql[facet], [list(values)]) for facet, values in selected.items() if values}


def _where(conditions, skip=None):
    """The SQL condition (and params) of the rows of ``m`` that match and pass the facets
    chosen but ``skip``."""
    chosen = [(sql, params) for facet, (sql, params) in conditions.items() if facet != skip]
    return " AND ".join(["m.ok", *(sql for sql, _ in chosen)]), [
        p for _, params in chosen for p in params
    ]


_FACET_ROWS = {
    "kind": ("m.kind", ""),
    "group": ("g.value::text", ", unnest(m.groups) AS g(value)"),
    "year": ("m.year::text", ""),
    "audience": ("a.value", ", unnest(m.audiences) AS a(value)"),
    "doctype": ("NULLIF(m.doctype, '')", ""),
    "partner": ("NULLIF(m.partner, '')", ""),
}


def statement(matches_sql, matches_params, weights, selected, sort, number, page_size, cap=CAP):
    """The whole statement: facet rows ('facet', name, value, count), totals ('total', kind or
    '', count; 'all', kind, count) and the best rows of each kind ('hit', …) down to page
    ``number`` — or to the last page when ``number`` is past it."""
    conditions = _conditions(selected)
    sql = [f"WITH m AS MATERIALIZED ({matches_sql})"]
    params = list(matches_params)
    selects = []
    for facet, (value, join) in _FACET_ROWS.items():
        where, where_params = _where(conditions, skip=facet)
        selects.append(
            f"SELECT 'facet' AS what, %s AS name, {value} AS value, count(*) AS n, NULL::int AS pk,"
            f" NULL::float8 AS score, NULL::date AS date, NULL::int AS ct, NULL::text AS doctype,"
            f" NULL::text AS partner, NULL::int[] AS groups, NULL::text[] AS audiences"
            f" FROM m{join} WHERE {where} GROUP BY 3 HAVING {value} IS NOT NULL"
        )
        params += [facet, *where_params]
    where, where_params = _where(conditions)
    empty = "NULL::int, NULL::float8, NULL::date, NULL::int, NULL::text, NULL::text, NULL::int[], NULL::text[]"
    selects.append(
        f"SELECT 'total', m.kind, NULL, count(*), {empty} FROM m WHERE {where} GROUP BY m.kind"
    )
    params += where_params
    selects.append(
        f"SELECT 'all', m.kind, NULL, count(*), {empty} FROM m WHERE m.ok GROUP BY m.kind"
    )
    # The kinds whose candidates reached the cap (``CAP`` or ``PHRASE_CAP``): only the best of them are counted.
    selects.append(
        f"SELECT 'capped', m.kind, NULL, count(*), {empty} FROM m GROUP BY m.kind"
        f" HAVING count(*) >= {cap:d}"
    )
    hit_sql, hit_params = _hits(where, where_params, sort, number, page_size, weights)
    selects.append(hit_sql)
    params += hit_params
    return sql[0] + " " + " UNION ALL ".join(selects), params


def _hits(where, where_params, sort, number, page_size, weights):
    """The 'hit' rows: the best ``number × page_size`` matches of each kind passing the facets
    chosen (fewer when page ``number`` is past the last page: down to the last page).

    By relevance: the ``RANKED`` best of a kind by title score (then the newest) get Wagtail's
    full score (title and body vectors, read for them only); a kind with fewer matches is
    ranked exactly as Wagtail's backend ranks it. By date: newest first, title score next."""
    limit = (
        "LEAST(%s, (SELECT GREATEST(1, CEIL(count(*) / %s::numeric))::int * %s"
        f" FROM m WHERE {where}))"
    )
    limit_params = [number * page_size, page_size, page_size, *where_params]
    if sort == "date":
        return (
            "SELECT 'hit', r.kind, NULL, NULL, r.pk, r.score, r.date, r.ct, r.doctype,"
            " r.partner, r.groups, r.audiences FROM (SELECT m.*, row_number() OVER (PARTITION"
            " BY m.kind ORDER BY m.date DESC NULLS LAST, m.score DESC, m.pk DESC) AS rank"
            f" FROM m WHERE {where}) AS r WHERE r.rank <= {limit}"
        ), [*where_params, *limit_params]
    full = (
        "(SELECT ts_rank(%s::float4[], e.title, c.query) * e.title_norm"
        " + ts_rank(%s::float4[], e.body, c.query) FROM wagtailsearch_indexentry AS e"
        " WHERE e.id = c.entry)"
    )
    return (
        "SELECT 'hit', r.kind, NULL, NULL, r.pk, r.score, r.date, r.ct, r.doctype, r.partner,"
        " r.groups, r.audiences FROM (SELECT s.*, row_number() OVER (PARTITION BY s.kind"
        " ORDER BY s.score DESC, s.cheap) AS rank FROM (SELECT c.kind, c.pk, c.date, c.ct,"
        " c.doctype, c.partner, c.groups, c.audiences, c.cheap,"
        f" CASE WHEN c.cheap <= %s THEN {full} ELSE c.score END AS score"
        " FROM (SELECT m.*, row_number() OVER (PARTITION BY m.kind ORDER BY m.score DESC,"
        f" m.date DESC NULLS LAST, m.pk DESC) AS cheap FROM m WHERE {where}) AS c) AS s)"
        f" AS r WHERE r.rank <= {limit}"
    ), [RANKED, weights, weights, *where_params, *limit_params]


def _execute(sql, params):
    """Run the statement with the planner settings of the module docstring, in one query (the
    rows are those of the last statement of the string)."""
    with connection.cursor() as cursor:
        cursor.execute(SETTINGS + sql, params)
        return cursor.fetchall()


def _read(rows):
    """(facets, totals per kind, matches per kind, hits, kinds capped) from the statement's
    rows."""
    facets, totals, by_kind, hits, capped = {}, {}, {}, [], set()
    for what, name, value, n, pk, score, date, ct, doctype, partner, groups, audiences in rows:
        if what == "facet":
            if name in ("group", "year"):
                value = int(value)
            facets.setdefault(name, {})[value] = n
        elif what == "total":
            totals[name] = n
        elif what == "all":
            by_kind[name] = n
        elif what == "capped":
            capped.add(name)
        else:
            hits.append(
                Hit(
                    kind=name,
                    pk=pk,
                    score=float(score or 0.0),
                    date=date,
                    groups=set(groups or ()),
                    audiences=set(audiences or ()),
                    doctype=doctype or "",
                    partner=partner or "",
                    row={"content_type_id": ct},
                )
            )
    return facets, totals, by_kind, hits, capped


class RankedHits:
    """The best hits as a sequence the Paginator can page through (``count`` is the total)."""

    def __init__(self, total, best):
        self.total, self.best = total, best

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.best[index]


def page_number(text):
    """The page asked for: a positive integer, 1 for anything else."""
    return int(text) if text.isdecimal() and 0 < len(text) <= 6 and int(text) > 0 else 1


def run(backend, request, site_query, language, groups, page_size, order):
    """(best hits in order, total, facet counts, matches per kind, page number, kinds capped)
    of the page."""
    matches_sql, matches_params, weights, cap = _matches(
        backend, request, language, site_query.parsed.search_query, groups, site_query.sort
    )
    number = page_number(site_query.page)
    sql, params = statement(
        matches_sql,
        matches_params,
        weights,
        site_query.selected,
        site_query.sort,
        number,
        page_size,
        cap,
    )
    facets, totals, by_kind, hits, capped = _read(_execute(sql, params))
    total = sum(totals.values())
    number = min(number, max(1, -(-total // page_size)))  # past the last page: the last page
    return order(hits, site_query.sort), total, facets, by_kind, number, capped
