// clean: JS-ROUTE-NO-AUTH
const Router = require("@koa/router");
const { requireAuth } = require("../middleware/auth");
const projects = require("../controllers/projects");

const router = new Router({ prefix: "/api/projects" });

router.use(requireAuth);

router.get("/", projects.list);
router.get("/:id", projects.show);
router.post("/", projects.create);
router.put("/:id", projects.update);
router.del("/:id", projects.destroy);

module.exports = router;
