// Fixture for GO-ROUTE-NO-AUTH (written for persona-review): gin and chi routes without the auth
// middleware most of their siblings pass. `// expect: ID` marks a finding.
package api

import (
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
)

func Routes(r *gin.Engine, h *Handlers) {
	v1 := r.Group("/v1")
	v1.POST("/login", h.Login)
	v1.GET("/items", authMiddleware(), h.ListItems)
	v1.POST("/items", authMiddleware(), h.CreateItem)
	v1.PUT("/items/:id", authMiddleware(), h.UpdateItem)
	v1.DELETE("/items/:id", h.DeleteItem) // expect: GO-ROUTE-NO-AUTH
	v1.GET("/items/:id", h.ShowItem)

	// A group made with a guard guards every route on it.
	admin := r.Group("/admin", RequireAdmin())
	admin.DELETE("/users/:id", h.AdminDeleteUser)
	admin.POST("/users", h.AdminCreateUser)

	// `.Use` guards the routes registered after it.
	team := r.Group("/team")
	team.Use(JWTAuth())
	team.POST("/invites", h.Invite)
	team.DELETE("/members/:id", h.RemoveMember)
	team.GET("/members", JWTAuth(), h.Members)

	// Guards chained on the group as it is made.
	jobs := r.Group("/jobs").
		Use(JWTAuth()).
		Use(checkRole())
	{
		jobs.GET("", checkPermission(), h.Jobs)
		jobs.PUT("/:id", checkPermission(), h.UpdateJob)
		jobs.POST("", h.CreateJob)
	}
}

func ChiRoutes() chi.Router {
	r := chi.NewRouter()
	r.Post("/signup", signup)
	r.Group(func(r chi.Router) {
		r.Use(jwtauth.Authenticator)
		r.Post("/notes", createNote)
		r.Delete("/notes/{id}", deleteNote)
	})
	r.With(requireAuth).Put("/notes/{id}", updateNote)
	r.With(requireAuth).Patch("/notes/{id}", patchNote)
	r.Delete("/notes/{id}/share", unshare) // expect: GO-ROUTE-NO-AUTH
	return r
}

// Something else with a `Post` method is not a router.
func notify(q *Queue) {
	q.Post("/hooks/deploy", authBody(), payload)
	q.Post("/jobs", authBody(), payload)
	q.Delete("/jobs/1", payload)
}

type endpoint struct {
	method  string
	path    string
	handler gin.HandlerFunc
	chain   []gin.HandlerFunc
}

func TableRoutes(r *gin.Engine, h *Handlers, mw *Middleware) {
	open := []gin.HandlerFunc{mw.Trace}
	member := append(append([]gin.HandlerFunc{}, open...), mw.RequireSession)
	owner := append(append([]gin.HandlerFunc{}, member...), mw.RequireRole("owner"))

	table := []endpoint{
		{"GET", "/v2/projects", h.ListProjects, member},
		{"POST", "/v2/projects", h.CreateProject, member},
		{"PUT", "/v2/projects/:id", h.UpdateProject, owner},
		{"DELETE", "/v2/projects/:id", h.DeleteProject, open}, // expect: GO-ROUTE-NO-AUTH
		{"GET", "/v2/health", h.Health, nil},
	}
	for _, e := range table {
		r.Handle(e.method, e.path, append(e.chain, e.handler)...)
	}
}
