// clean: GO-TEMPLATE-INJECTION
package notify

import (
	"bytes"
	"net/http"
	"text/template"

	"github.com/gin-gonic/gin"
)

const previewText = "Hello {{.Name}},\n\nYour plan renews on {{.RenewsOn}}.\n"

func PreviewEmail(c *gin.Context) {
	name := c.PostForm("name")
	tpl, err := template.New("email").Parse(previewText)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "bad template"})
		return
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, map[string]string{"Name": name, "RenewsOn": "2027-01-01"}); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "render failed"})
		return
	}
	c.String(http.StatusOK, buf.String())
}
