// Command substitute runs Argo's own template substitution (util/template, the code the
// controller runs on a template before creating its pod) over resource templates, so that the
// manifests Sluice writes can be checked after Argo has filled in run-time values.
//
// Input (stdin): a JSON list of {"template": <an Argo template>, "values": {"inputs.parameters.x": "...", ...}}.
// Output (stdout): a JSON list of the substituted templates' resource.manifest texts, or an error.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/argoproj/argo-workflows/v3/util/template"
)

type testCase struct {
	Template json.RawMessage   `json:"template"`
	Values   map[string]string `json:"values"`
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "substitute: bad input:", err)
		os.Exit(2)
	}
	out := []string{}
	for i, c := range cases {
		replaced, err := template.Replace(string(c.Template), template.ToAnyMap(c.Values), false)
		if err != nil {
			fmt.Fprintf(os.Stderr, "substitute: case %d: %v\n", i, err)
			os.Exit(1)
		}
		var t struct {
			Resource struct {
				Manifest string `json:"manifest"`
			} `json:"resource"`
		}
		if err := json.Unmarshal([]byte(replaced), &t); err != nil {
			fmt.Fprintf(os.Stderr, "substitute: case %d: %v\n", i, err)
			os.Exit(1)
		}
		out = append(out, t.Resource.Manifest)
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
