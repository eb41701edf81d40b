# clean: PY-ROUTE-NO-AUTH
# path: app/site/routes.py
from flask import Blueprint, render_template

from app.models import Plan, Post

bp = Blueprint("site", __name__)


@bp.get("/")
def home():
    return render_template("site/home.html", posts=Post.query.limit(3).all())


@bp.get("/pricing")
def pricing():
    return render_template("site/pricing.html", plans=Plan.query.filter_by(public=True).all())


@bp.get("/blog/<slug>")
def blog_post(slug):
    return render_template("site/post.html", post=Post.query.filter_by(slug=slug).first_or_404())
