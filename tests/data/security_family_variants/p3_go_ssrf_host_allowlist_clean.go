// clean: GO-SSRF
package integrations

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"
)

var allowedHosts = []string{"hooks.slack.com", "discord.com"}

type Tester struct{ Client *http.Client }

func (t *Tester) Test(c *gin.Context) {
	var body struct {
		URL string `json:"url" binding:"required"`
	}
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad body"})
		return
	}
	u, err := url.Parse(body.URL)
	if err != nil || u.Scheme != "https" || !slices.Contains(allowedHosts, u.Hostname()) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "unsupported destination"})
		return
	}
	resp, err := t.Client.Post(u.String(), "application/json", bytes.NewBufferString(`{"text":"ping"}`))
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": "unreachable"})
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"status": resp.StatusCode})
}
