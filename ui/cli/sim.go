package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newSimCommand serves the simulator. Placeholder until api/sim lands.
func newSimCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "sim",
		Short: "Serve the simulated Sinch Functions API",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("the simulator is not built yet")
		},
	}
}
