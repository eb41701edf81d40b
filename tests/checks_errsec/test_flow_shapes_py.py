"""Python shapes between a request source and a SQL sink that the line-by-line reading cannot follow but
the data flow does: SQL text built over several lines inside parentheses, and a template held by a name
and filled with `.format`. Allow-lists, numbers and bound parameters keep their look-alikes quiet."""

from __future__ import annotations

from .flow_shapes import assert_marked, assert_whole, security_findings

_HEAD = (
    "import requests\n"
    "from django.db import connection\n"
    "from flask import Blueprint, request\n"
    "\n"
    "bp = Blueprint('items', __name__)\n"
    "ORDER_SQL = 'SELECT id, name FROM items ORDER BY {}'\n"
    "FEED_URL = 'http://{}/feed.xml'\n"
    "ALLOWED = {'id', 'name'}\n"
    "\n"
)
_CUT = _HEAD.count("\n")


def test_sql_built_over_several_lines_in_parentheses_is_reported_at_the_query() -> None:
    code = _HEAD + (
        "@bp.route('/a')\n"
        "def a():\n"
        "    name = request.args.get('name')\n"
        "    query = (\n"
        "        'SELECT id FROM items '\n"
        "        f\"WHERE name = '{name}'\"\n"
        "    )\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(query)  # expect: PY-SQL-STRING\n"
        "        return cur.fetchall()\n"
        "\n"
        "\n"
        "@bp.route('/b')\n"
        "def b():\n"
        "    sort = request.args.get('sort', 'id')\n"
        "    query = (\n"
        "        'SELECT id FROM items '\n"
        "        'ORDER BY %s' % (sort,)\n"
        "    )\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(query)  # expect: PY-SQL-STRING\n"
        "        return cur.fetchall()\n"
    )
    assert_marked("app/views.py", code, _CUT)


def test_sql_over_several_lines_from_numbers_or_bound_parameters_is_quiet() -> None:
    code = _HEAD + (
        "@bp.route('/a')\n"
        "def a():\n"
        "    limit = int(request.args.get('limit', 10))\n"
        "    query = (\n"
        "        'SELECT id FROM items '\n"
        "        f'LIMIT {limit}'\n"
        "    )\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(query)\n"
        "        return cur.fetchall()\n"
        "\n"
        "\n"
        "@bp.route('/b')\n"
        "def b():\n"
        "    name = request.args.get('name')\n"
        "    query = (\n"
        "        'SELECT id FROM items '\n"
        "        'WHERE name = %s'\n"
        "    )\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(query, [name])\n"
        "        return cur.fetchall()\n"
    )
    assert_marked("app/views.py", code, _CUT)


def test_a_template_held_by_a_name_and_filled_from_the_request_is_reported() -> None:
    code = _HEAD + (
        "@bp.route('/a')\n"
        "def a():\n"
        "    sort = request.args.get('sort', 'id')\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(ORDER_SQL.format(sort))  # expect: PY-SQL-STRING\n"
        "        return cur.fetchall()\n"
        "\n"
        "\n"
        "@bp.route('/b')\n"
        "def b():\n"
        "    host = request.args['host']\n"
        "    template = 'http://{}/status'\n"
        "    return requests.get(template.format(host), timeout=5).text  # expect: PY-SSRF\n"
    )
    # the hunks alone do not show the module's template: it is judged on the whole file
    assert_whole("app/views.py", code)


def test_a_held_template_filled_with_checked_or_numeric_values_is_quiet() -> None:
    code = _HEAD + (
        "@bp.route('/a')\n"
        "def a():\n"
        "    sort = request.args.get('sort', 'id')\n"
        "    if sort not in ALLOWED:\n"
        "        sort = 'id'\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(ORDER_SQL.format(sort))\n"
        "        return cur.fetchall()\n"
        "\n"
        "\n"
        "@bp.route('/b')\n"
        "def b():\n"
        "    template = 'https://api.example.com/items/{}'\n"
        "    return requests.get(template.format(request.args['id']), timeout=5).text\n"
    )
    assert_marked("app/views.py", code, _CUT)


_DJANGO_HEAD = (
    "import os\n"
    "\n"
    "import requests\n"
    "from django import forms\n"
    "from django.shortcuts import redirect\n"
    "from rest_framework.decorators import api_view\n"
    "from rest_framework.response import Response\n"
    "\n"
    "\n"
    "class ExportForm(forms.Form):\n"
    "    name = forms.CharField(max_length=100)\n"
    "    page = forms.IntegerField()\n"
    "    kind = forms.ChoiceField(choices=[('csv', 'CSV'), ('pdf', 'PDF')])\n"
    "\n"
    "\n"
)


def test_what_a_form_or_serializer_cleans_from_the_request_is_request_data() -> None:
    code = _DJANGO_HEAD + (
        "def export(request):\n"
        "    form = ExportForm(request.POST)\n"
        "    if not form.is_valid():\n"
        "        return redirect('/')\n"
        "    with open(os.path.join('/srv/exports', form.cleaned_data['name'])) as handle:  # expect: PY-PATH-TRAVERSAL\n"
        "        return handle.read()\n"
        "\n"
        "\n"
        "@api_view(['POST'])\n"
        "def hook(request):\n"
        "    serializer = HookSerializer(data=request.data)\n"
        "    serializer.is_valid(raise_exception=True)\n"
        "    requests.post(serializer.validated_data['url'], json={}, timeout=5)  # expect: PY-SSRF\n"
        "    return Response(status=204)\n"
    )
    assert_marked("app/views.py", code, _DJANGO_HEAD.count("\n"))


def test_typed_form_fields_and_the_objects_a_form_saves_are_not_request_text() -> None:
    code = _DJANGO_HEAD + (
        "def export(request):\n"
        "    form = ExportForm(request.POST)\n"
        "    if not form.is_valid():\n"
        "        return redirect('/')\n"
        "    data = form.cleaned_data\n"
        "    path = '/srv/exports/%s-%d.%s' % ('report', data['page'], form.cleaned_data['kind'])\n"
        "    with open(path) as handle:\n"
        "        handle.read()\n"
        "    item = form.save()\n"
        "    return redirect(item.get_absolute_url())\n"
        "\n"
        "\n"
        "def preview(request):\n"
        "    form = ExportForm(initial={'kind': 'csv'})\n"
        "    return redirect(form.cleaned_data['name'])\n"
    )
    assert_whole("app/views.py", code)


_FLASK_AUTH_HEAD = (
    "import os\n"
    "\n"
    "from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for\n"
    "\n"
    "bp = Blueprint('auth', __name__)\n"
    "\n"
    "\n"
)


def test_request_data_stored_in_the_session_is_request_data_when_read_back() -> None:
    code = _FLASK_AUTH_HEAD + (
        "@bp.get('/login')\n"
        "def login_form():\n"
        "    session['next'] = request.args.get('next', '/')\n"
        "    return 'form'\n"
        "\n"
        "\n"
        "@bp.post('/login')\n"
        "def login():\n"
        "    target = session.pop('next', '/')\n"
        "    return redirect(target)  # expect: PY-OPEN-REDIRECT\n"
    )
    # the store is itself reported by the session check; this test is about the read
    found = security_findings("app/auth.py", code)
    assert (_FLASK_AUTH_HEAD.count("\n") + 10, "PY-OPEN-REDIRECT") in found


def test_session_values_checked_on_reading_or_set_by_the_code_stay_quiet() -> None:
    code = _FLASK_AUTH_HEAD + (
        "@bp.get('/sso/done')\n"
        "def sso_done():\n"
        "    after = session.get('after') or '/'\n"
        "    if not after.startswith('/') or after.startswith('//'):\n"
        "        after = '/'\n"
        "    return redirect(after)\n"
        "\n"
        "\n"
        "@bp.get('/theme')\n"
        "def theme():\n"
        "    session['theme'] = 'dark'\n"
        "    return redirect(url_for('home', theme=session['theme']))\n"
        "\n"
        "\n"
        "@bp.get('/back')\n"
        "def back():\n"
        "    return redirect(session.get('after', '/'))\n"
    )
    assert_marked("app/auth.py", code, _FLASK_AUTH_HEAD.count("\n"))


def test_a_membership_test_of_an_uploads_field_does_not_check_its_file_name() -> None:
    code = _FLASK_AUTH_HEAD + (
        "@bp.post('/avatar')\n"
        "def upload_avatar():\n"
        "    file = request.files.get('avatar')\n"
        "    if file is None or file.mimetype not in ('image/png', 'image/jpeg'):\n"
        "        return jsonify({'error': 'png or jpeg required'}), 400\n"
        "    dest = os.path.join(current_app.config['AVATAR_DIR'], file.filename)  # expect: PY-PATH-TRAVERSAL\n"
        "    file.save(dest)\n"
        "    return jsonify({'avatar': dest}), 201\n"
        "\n"
        "\n"
        "@bp.get('/report')\n"
        "def report():\n"
        "    name = request.args.get('name')\n"
        "    if name not in ('daily.csv', 'weekly.csv'):\n"
        "        return 'no', 404\n"
        "    with open(os.path.join('/srv/reports', name)) as handle:\n"
        "        return handle.read()\n"
    )
    assert_marked("app/profile.py", code, _FLASK_AUTH_HEAD.count("\n"))


def test_a_field_set_from_the_request_is_request_data_in_the_methods_called_next() -> None:
    code = (
        "import requests\n"
        "from django.shortcuts import redirect\n"
        "from django.views import View\n"
        "\n"
        "\n"
        "class PreviewView(View):\n"
        "    success_url = '/done'\n"
        "\n"
        "    def get(self, request):\n"
        "        self.target = request.GET['url']\n"
        "        self.page = int(request.GET.get('page', 1))\n"
        "        return self.fetch()\n"
        "\n"
        "    def fetch(self):\n"
        "        requests.get(self.target, timeout=5)  # expect: PY-SSRF\n"
        "        requests.get(f'https://api.example.com/items?page={self.page}', timeout=5)\n"
        "        return redirect(self.success_url)\n"
    )
    assert_marked("app/views.py", code, 5)


def test_a_query_running_a_build_reported_just_above_is_not_reported_again() -> None:
    code = _HEAD + (
        "@bp.route('/a')\n"
        "def a():\n"
        "    term = request.args['q']\n"
        "    sql = (\n"
        "        'SELECT * FROM items '\n"
        "        f\"WHERE name LIKE '%{term}%'\"  # expect: PY-SQL-STRING\n"
        "    )\n"
        "    with connection.cursor() as cur:\n"
        "        cur.execute(sql)\n"
        "        return cur.fetchall()\n"
    )
    assert_marked("app/views.py", code, _CUT)
