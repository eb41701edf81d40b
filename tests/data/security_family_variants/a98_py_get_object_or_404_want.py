# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: boards/views.py
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .models import Board


@login_required
def board_detail(request, board_id):
    board = get_object_or_404(Board, pk=board_id, members=request.user)
    return render(request, "boards/detail.html", {"board": board, "cards": board.cards.all()})


@login_required
def board_delete(request, board_id):
    board = get_object_or_404(Board, pk=board_id)
    board.delete()
    return redirect("boards:index")
