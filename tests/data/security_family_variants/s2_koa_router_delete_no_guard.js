// want: JS-ROUTE-NO-AUTH
const Router = require("@koa/router");
const { requireAuth, requireRole } = require("../middleware/auth");
const projects = require("../controllers/projects");

const router = new Router({ prefix: "/api/projects" });

router.get("/", requireAuth, projects.list);
router.get("/:id", requireAuth, projects.show);
router.post("/", requireAuth, projects.create);
router.put("/:id", requireAuth, requireRole("maintainer"), projects.update);
router.del("/:id", projects.destroy);

module.exports = router;
