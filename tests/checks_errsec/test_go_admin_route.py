"""GO-ADMIN-ROUTE-OUTSIDE-GROUP: in router code that builds an admin-guarded group (gin, echo, fiber, chi), an
added admin action (admin path segment, `Admin...` handler, privileged verb on another account) registered
on another router is reported; one on the admin group, on a group made from it, or with its own role
guard is quiet, as are ordinary user actions and code with no admin group."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_RULE = "GO-ADMIN-ROUTE-OUTSIDE-GROUP"


def _lines(code: str) -> list[int]:
    outcome = run_checks([context_for_text("internal/server/router.go", code)])
    return sorted(f.line for f in outcome.findings if f.rule_id == _RULE)


_GIN = """package server

func mount(r *gin.Engine, h *Handlers) {
	v1 := r.Group("/v1", h.auth.Required())
	v1.GET("/orders", h.ListOrders)
	v1.POST("/orders", h.CreateOrder)
	v1.POST("/accounts/:id/ban", h.BanAccount)
	v1.POST("/users/:uid/follow", h.FollowUser)
	v1.DELETE("/admin/cache", h.FlushCache)
	v1.PUT("/members/:id/role", requireRole("owner"), h.SetMemberRole)

	admin := r.Group("/v1/admin", h.auth.Required(), requireRole("admin"))
	admin.GET("/accounts", h.ListAccounts)
	admin.POST("/accounts/:id/unban", h.UnbanAccount)
	users := admin.Group("/users")
	users.POST("/:id/impersonate", h.ImpersonateUser)
}
"""


def test_gin_admin_actions_on_the_users_group_fire() -> None:
    # 7: ban on another account; 9: an admin path on the users' group. 8 is a user's own action, 10 has
    # its own role guard, 14 and 16 are on the admin group or a group made from it.
    assert _lines(_GIN) == [7, 9]


def test_without_an_admin_group_nothing_is_said() -> None:
    code = _GIN.split("\n\tadmin :=", 1)[0] + "\n}\n"
    assert _lines(code) == []


_ECHO = """package api

func routes(e *echo.Echo, a *accounts.Handler, mw *auth.Middleware) {
	api := e.Group("/api", mw.RequireUser)
	api.PATCH("/me", a.UpdateMe)
	api.POST("/users/:id/deactivate", a.DeactivateUser)
	api.POST("/reports/export", a.AdminExportReports)

	staff := e.Group("/staff")
	staff.Use(mw.RequireUser, mw.StaffOnly)
	staff.POST("/users/:id/reactivate", a.ReactivateUser)
}
"""


def test_echo_group_guarded_with_use() -> None:
    assert _lines(_ECHO) == [6, 7]


_CHI = """package web

func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.session)
	r.Post("/tenants/{id}/suspend", s.suspendTenant)
	r.Post("/tenants/{id}/invite", s.inviteToTenant)
	r.Route("/admin", func(r chi.Router) {
		r.Use(s.requireAdmin)
		r.Post("/tenants/{id}/purge", s.purgeTenant)
	})
	return r
}
"""


def test_chi_admin_subrouter() -> None:
    assert _lines(_CHI) == [6]


def test_fiber_admin_group_with_admin_middleware() -> None:
    code = """package http

func Register(app *fiber.App, h *Handler, mw *Middleware) {
	api := app.Group("/api", mw.Authenticated)
	api.Post("/accounts/:id/reset-mfa", h.ResetAccountMFA)
	admin := app.Group("/api/admin", mw.Authenticated, mw.Admin)
	admin.Post("/accounts/:id/lock", h.LockAccount)
}
"""
    assert _lines(code) == [5]


def test_own_guards_public_paths_and_accounts_within_another_resource_are_quiet() -> None:
    code = """package server

func mount(r *gin.Engine, h *Handlers) {
	v1 := r.Group("/v1", h.auth.Required())
	v1.POST("/users/:id/mfa/disable", h.requireOwner(), h.DisableUserMFA)
	v1.POST("/admin/login", h.AdminLogin)
	v1.PUT("/orgs/:org/members/:id/role", h.SetMemberRole)
	v1.POST("/users/:id/lock", h.LockUser)
	admin := r.Group("/v1/admin", h.auth.Required(), requireRole("admin"))
	admin.GET("/users", h.ListUsers)
}
"""
    assert _lines(code) == [8]


def test_sub_routers_of_chained_calls_inherit_the_admin_guard() -> None:
    code = """package api

func (s *Rest) routes(rapi *routegroup.Bundle) {
	rapi.Mount("/admin").Route(func(radmin *routegroup.Bundle) {
		radmin.Use(auth.Required, auth.AdminOnly)
		radmin.Group().Route(func(r *routegroup.Bundle) {
			r.HandleFunc("PUT /user/{id}/ban", s.admin.banCtrl)
		})
	})
	rapi.HandleFunc("PUT /user/{id}/block", s.admin.blockCtrl)
}
"""
    assert _lines(code) == [10]


def test_gorilla_routers_made_admin_or_open_with_use() -> None:
    code = """package users

func (h *Handler) routes(rt *mux.Router) {
	adminRouter := rt.NewRoute().Subrouter()
	adminRouter.Use(bouncer.AdminAccess)
	authed := rt.NewRoute().Subrouter()
	authed.Use(bouncer.AuthenticatedAccess)
	open := rt.NewRoute().Subrouter()
	open.Use(bouncer.PublicAccess)
	adminRouter.Handle("/users/{id}/role", h.setRole).Methods(http.MethodPut)
	authed.Handle("/users/{id}/suspend", h.suspend).Methods(http.MethodPost)
	open.Handle("/users/{id}/unlock", h.unlock).Methods(http.MethodPost)
	authed.Handle("/admin/init", h.initAdmin).Methods(http.MethodPost)
}
"""
    assert _lines(code) == [11]


def test_net_http_mux_mounted_behind_an_admin_wrapper() -> None:
    code = """package web

func routes(app *App) http.Handler {
	mux := http.NewServeMux()
	adminMux := http.NewServeMux()
	adminMux.HandleFunc("POST /admin/users/{id}/ban", app.banUser)
	mux.Handle("/admin/", app.requireAdmin(adminMux))
	mux.HandleFunc("POST /admin/users/{id}/unban", app.unbanUser)
	mux.HandleFunc("POST /accounts/{id}/impersonate", app.impersonate)
	mux.HandleFunc("POST /orders", app.createOrder)
	return mux
}
"""
    assert _lines(code) == [8, 9]
