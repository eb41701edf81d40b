// want: GO-TEMPLATE-INJECTION
package notify

import (
	"bytes"
	"net/http"
	"text/template"

	"github.com/gin-gonic/gin"
)

func PreviewEmail(c *gin.Context) {
	body := c.PostForm("body")
	tpl, err := template.New("email").Parse(body)
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad template"})
		return
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, c.MustGet("account")); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "render failed"})
		return
	}
	c.String(http.StatusOK, buf.String())
}
