package cli

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api/sim"
)

// simFlags are the sim command's settings.
type simFlags struct {
	listen        string
	project       string
	keyID         string
	keySecret     string
	seed          int64
	tokenLifetime time.Duration
	latency       time.Duration
	errorRate     float64
	dropEvery     int
	malformed     int
	firehose      string
	firehoseRate  int
	noIncidents   bool
}

// newSimCommand serves the simulated operations API until interrupted.
func newSimCommand() *cobra.Command {
	def := sim.DefaultConfig()
	fl := simFlags{
		listen: "127.0.0.1:8080", project: def.ProjectID, keyID: def.KeyID,
		keySecret: def.KeySecret, seed: def.Seed, tokenLifetime: def.TokenLifetime,
	}
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Serve the simulated Sinch Functions API",
		Long: "Serve a simulated Sinch Functions operations API with a generated project, " +
			"thirty days of history, live traffic, the documented rate limits and " +
			"optional faults, until interrupted. Each function answers at its own name " +
			"on it, http://fn-<id>.localhost:<port>, which curl resolves to the loopback " +
			"address, so listen on a loopback or unspecified address to call functions.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSim(cmd, fl)
		},
	}

	f := cmd.Flags()
	f.StringVar(&fl.listen, "listen", fl.listen, "address to serve on")
	f.StringVar(&fl.project, "project", fl.project, "project ID")
	f.StringVar(&fl.keyID, "key-id", fl.keyID, "key ID the token endpoint accepts")
	f.StringVar(&fl.keySecret, "key-secret", fl.keySecret, "key secret the token endpoint accepts")
	f.Int64Var(&fl.seed, "seed", fl.seed, "seed of the generated project and traffic")
	f.DurationVar(&fl.tokenLifetime, "token-lifetime", fl.tokenLifetime,
		"lifetime of issued tokens")
	f.DurationVar(&fl.latency, "latency", 0, "delay added to every answer")
	f.Float64Var(&fl.errorRate, "error-rate", 0, "share (0..1) of API answers replaced by 500/503")
	f.IntVar(&fl.dropEvery, "drop-every", 0, "close each stream after N events (0: never)")
	f.IntVar(&fl.malformed, "malformed-every", 0, "break the JSON of every Nth stream event")
	f.StringVar(&fl.firehose, "firehose", "", "function (name or ID) to flood with requests")
	f.IntVar(&fl.firehoseRate, "firehose-rate", 0,
		fmt.Sprintf("firehose requests per second (default %d)", sim.DefaultFirehoseRate))
	f.BoolVar(&fl.noIncidents, "no-incidents", false,
		"turn off the recurring error and latency spikes")
	return cmd
}

func (fl simFlags) config() sim.Config {
	cfg := sim.DefaultConfig()
	cfg.ProjectID, cfg.KeyID, cfg.KeySecret = fl.project, fl.keyID, fl.keySecret
	cfg.Seed = fl.seed
	cfg.TokenLifetime = fl.tokenLifetime
	cfg.Incidents = !fl.noIncidents
	// Function URLs on the simulator (fn-<id>.localhost), so that a request
	// copied as cURL can be replayed against it.
	cfg.FunctionURLs = sim.FunctionURLsSelf
	cfg.Faults = sim.Faults{
		Latency:          fl.latency,
		ErrorRate:        fl.errorRate,
		StreamDropEvery:  fl.dropEvery,
		MalformedEvery:   fl.malformed,
		FirehoseFunction: fl.firehose,
		FirehoseRate:     fl.firehoseRate,
	}
	return cfg
}

func (fl simFlags) check() error {
	switch {
	case fl.project == "" || fl.keyID == "" || fl.keySecret == "":
		return errors.New("--project, --key-id and --key-secret must not be empty")
	case fl.tokenLifetime <= 0:
		return fmt.Errorf("--token-lifetime must be positive, got %v", fl.tokenLifetime)
	case fl.firehoseRate != 0 && fl.firehose == "":
		return errors.New("--firehose-rate needs --firehose NAME")
	}
	return nil
}

func runSim(cmd *cobra.Command, fl simFlags) error {
	if err := fl.check(); err != nil {
		return &exitError{code: exitSettings, err: err}
	}
	local, err := sim.Listen(fl.config(), fl.listen)
	if err != nil {
		return &exitError{code: exitSettings, err: fmt.Errorf("sim: %w", err)}
	}
	printSimBanner(cmd.OutOrStdout(), local, fl)

	<-cmd.Context().Done()
	if err := local.Close(); err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("sim: %w", err)}
	}
	return nil
}

// printSimBanner says where the simulator listens and how to call it and
// one of its functions, which answer at their own host names on it
// (http://fn-<id>.localhost:<port>). The key secret is the simulator's own
// demo credential, so it may be shown.
func printSimBanner(w io.Writer, local *sim.Local, fl simFlags) {
	first := local.Functions()[0]
	fmt.Fprintf(w, "Simulated Sinch Functions API\n\n")
	fmt.Fprintf(w, "  API base URL  %s\n", local.URL)
	fmt.Fprintf(w, "  token URL     %s\n", local.TokenURL)
	fmt.Fprintf(w, "  project ID    %s\n", fl.project)
	fmt.Fprintf(w, "  key ID        %s\n", fl.keyID)
	fmt.Fprintf(w, "  key secret    %s\n\n", fl.keySecret)
	fmt.Fprintf(w, "Try:\n\n")
	fmt.Fprintf(w, "  TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials %s \\\n"+
		"    | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n",
		fl.keyID, fl.keySecret, local.TokenURL)
	fmt.Fprintf(w, "  curl -H \"Authorization: Bearer $TOKEN\" %s/v1/projects/%s/functions\n",
		local.URL, fl.project)
	fmt.Fprintf(w, "  curl -N -H \"Authorization: Bearer $TOKEN\" "+
		"%s/v1/projects/%s/functions/%s/logs/stream\n", local.URL, fl.project, first.ID)
	fmt.Fprintf(w, "  curl -X POST -d '{\"event\":\"ice\"}' %s/ice\n", first.URL)
	fmt.Fprintf(w, "    (functions answer at fn-<id>.localhost on this port; "+
		"curl resolves such names to 127.0.0.1)\n\n")
	fmt.Fprintf(w, "Serving until interrupted (Ctrl-C).\n")
}
