// want: GO-SSRF
package integrations

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Tester struct{ Client *http.Client }

func (t *Tester) Test(c *gin.Context) {
	target := c.Query("url")
	resp, err := t.Client.Post(target, "application/json", bytes.NewBufferString(`{"text":"ping"}`))
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": "unreachable"})
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"status": resp.StatusCode})
}
