// clean: GO-MAIN-ERR-EXIT-ZERO
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{
		Use:           "acmectl",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newMigrateCmd(), newServeCmd())
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "acmectl:", err)
		os.Exit(1)
	}
}
