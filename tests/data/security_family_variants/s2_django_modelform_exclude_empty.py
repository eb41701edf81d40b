# want: PY-MASS-ASSIGNMENT
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .models import Member


class MemberProfileForm(forms.ModelForm):
    class Meta:
        model = Member
        exclude = []


@login_required
def edit_profile(request):
    form = MemberProfileForm(request.POST or None, instance=request.user.member)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("profile")
    return render(request, "members/profile.html", {"form": form})
