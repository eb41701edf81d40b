// clean: JS-ROUTE-NO-AUTH
// path: src/routes/public.js
const { Router } = require("express");
const plans = require("../services/plans");
const posts = require("../services/posts");

const router = Router();

router.get("/pricing", async (req, res) => {
  res.render("pricing", { plans: await plans.publicPlans() });
});

router.get("/blog", async (req, res) => {
  res.render("blog/index", { posts: await posts.published() });
});

router.get("/blog/:slug", async (req, res) => {
  res.render("blog/show", { post: await posts.bySlug(req.params.slug) });
});

module.exports = router;
