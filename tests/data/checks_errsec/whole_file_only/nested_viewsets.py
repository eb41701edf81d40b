"""Nested DRF viewsets: the boards' lists are scoped to the user's teams; one nested viewset is not."""
from rest_framework import permissions, viewsets

from .models import Card, Label, List
from .permissions import IsBoardMember


class ListViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return List.objects.filter(
            board_id=self.kwargs["board_pk"],
            board__team__members=self.request.user,
        )


class CardViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):  # expect: PY-NESTED-QUERYSET-UNSCOPED
        return Card.objects.filter(list_id=self.kwargs["list_pk"], list__board_id=self.kwargs["board_pk"])


class LabelViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, IsBoardMember]

    def get_queryset(self):
        return Label.objects.filter(board_id=self.kwargs["board_pk"])
