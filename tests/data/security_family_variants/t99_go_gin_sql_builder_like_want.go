// want: GO-SQL-STRING
package handlers

import (
	"database/sql"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

type Contacts struct{ DB *sql.DB }

func (h *Contacts) Search(c *gin.Context) {
	name := c.Query("name")
	var sb strings.Builder
	sb.WriteString("SELECT id, name, email FROM contacts WHERE org_id = $1")
	if name != "" {
		sb.WriteString(" AND name ILIKE '%" + name + "%'")
	}
	rows, err := h.DB.QueryContext(c.Request.Context(), sb.String(), c.GetInt64("org_id"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "query failed"})
		return
	}
	defer rows.Close()
	c.JSON(http.StatusOK, scanContacts(rows))
}
