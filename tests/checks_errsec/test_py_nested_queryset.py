"""PY-NESTED-QUERYSET-UNSCOPED: a nested DRF queryset that trusts the URL's parent ids while the file's
other querysets scope their rows to the user, on views written for these tests."""

from __future__ import annotations

import textwrap

from .helpers import findings_of

_VIEWS = """
class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return Invoice.objects.filter(account__owners=self.request.user)


class LineViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [{permission}]

    def get_queryset(self):
        return Line.objects.filter({lines_filter})
"""


def _lines(permission: str, lines_filter: str) -> list[int]:
    text = textwrap.dedent(_VIEWS.format(permission=permission, lines_filter=lines_filter)).lstrip("\n")
    return sorted(line for line, rule in findings_of("billing/views.py", text)
                  if rule == "PY-NESTED-QUERYSET-UNSCOPED")


def test_a_nested_queryset_on_url_ids_alone_is_reported() -> None:
    assert _lines("IsAuthenticated", 'invoice_id=self.kwargs["invoice_pk"]') == [9]


def test_a_scoped_queryset_or_an_own_permission_class_is_quiet() -> None:
    scoped = 'invoice_id=self.kwargs["invoice_pk"], invoice__account__owners=self.request.user'
    assert _lines("IsAuthenticated", scoped) == []
    assert _lines("IsInvoiceOwner", 'invoice_id=self.kwargs["invoice_pk"]') == []
    assert _lines("IsAuthenticated", "status='open'") == []


def test_a_file_where_no_queryset_is_scoped_to_the_user_is_quiet() -> None:
    text = textwrap.dedent("""
        class TagViewSet(viewsets.ReadOnlyModelViewSet):
            def get_queryset(self):
                return Tag.objects.filter(shop_id=self.kwargs["shop_pk"])
        """).lstrip("\n")
    assert [r for _, r in findings_of("shop/views.py", text) if r == "PY-NESTED-QUERYSET-UNSCOPED"] == []


def test_stamping_the_user_on_a_write_is_no_sibling_scope() -> None:
    text = textwrap.dedent("""
        class NoteViewSet(viewsets.ModelViewSet):
            def get_queryset(self):
                return Note.objects.filter(ticket_id=self.kwargs["ticket_pk"])

            def perform_create(self, serializer):
                serializer.save(author=self.request.user, ticket_id=self.kwargs["ticket_pk"])
        """).lstrip("\n")
    assert [r for _, r in findings_of("desk/views.py", text) if r == "PY-NESTED-QUERYSET-UNSCOPED"] == []


_DECORATED = """
class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return Invoice.objects.filter(account__owners=self.request.user)


class LineViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return Line.objects.filter(invoice_id=self.kwargs["invoice_pk"])

    {decorator}
    def list(self, request, invoice_pk):
        return Response(LineSerializer(self.get_queryset(), many=True).data)
"""


def test_an_action_behind_a_permission_decorator_is_quiet_and_other_decorators_are_not_checks() -> None:
    def lines(decorator: str) -> list[int]:
        text = textwrap.dedent(_DECORATED.format(decorator=decorator)).lstrip("\n")
        return sorted(line for line, rule in findings_of("billing/views.py", text)
                      if rule == "PY-NESTED-QUERYSET-UNSCOPED")

    assert lines("@allow_permission([ROLE.ADMIN, ROLE.MEMBER])") == []
    assert lines("@method_decorator(cache_page(60))") == [7]
