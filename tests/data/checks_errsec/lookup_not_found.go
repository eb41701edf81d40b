// Lookups whose "no rows" error a handler answers with 500; the handled shapes next to them stay clean.
package api

func (h *Handler) GetUser(w http.ResponseWriter, r *http.Request) {
	var name string
	err := h.db.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", r.PathValue("id")).Scan(&name) // expect: GO-NOT-FOUND-AS-500
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	fmt.Fprint(w, name)
}

func (h *Handler) GetTeam(w http.ResponseWriter, r *http.Request) {
	var name string
	err := h.db.QueryRowContext(r.Context(), "SELECT name FROM teams WHERE id = $1", r.PathValue("id")).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	fmt.Fprint(w, name)
}

func (s *Server) getProject(c *gin.Context) {
	var p Project
	if err := s.gorm.Where("id = ?", c.Param("id")).First(&p).Error; err != nil { // expect: GO-NOT-FOUND-AS-500
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) countProjects(c *gin.Context) {
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM projects").Scan(&n); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, n)
}
