// argo-lint-offline checks manifests with Argo Workflows' own lint code, the same path
// `argo lint --offline` takes: the offline API client (which resolves WorkflowTemplate
// references from the given files) and cmd/argo/lint, which calls workflow/validate.
//
// Usage: argo-lint-offline FILE...
// Prints "PASS file" or "FAIL file: reason" per file, then "argo-lint: N passed, N failed".
// Exits 1 when any file fails.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/argoproj/argo-workflows/v3/cmd/argo/lint"
	"github.com/argoproj/argo-workflows/v3/pkg/apiclient"
	log "github.com/sirupsen/logrus"
)

func main() {
	log.SetLevel(log.WarnLevel)
	files := os.Args[1:]
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: argo-lint-offline FILE...")
		os.Exit(2)
	}
	passed, failed := 0, 0
	for _, file := range files {
		if err := lintFile(file); err != nil {
			failed++
			fmt.Printf("FAIL %s: %v\n", file, err)
		} else {
			passed++
			fmt.Printf("PASS %s\n", file)
		}
	}
	fmt.Printf("argo-lint: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

// lintFile lints one file on its own, so that one broken manifest names itself.
func lintFile(file string) error {
	_, client, err := apiclient.NewClientFromOpts(apiclient.Opts{Offline: true, OfflineFiles: []string{file}})
	if err != nil {
		return err
	}
	clients := lint.ServiceClients{WorkflowsClient: client.NewWorkflowServiceClient()}
	if clients.WorkflowTemplatesClient, err = client.NewWorkflowTemplateServiceClient(); err != nil {
		return err
	}
	if clients.CronWorkflowsClient, err = client.NewCronWorkflowServiceClient(); err != nil {
		return err
	}
	if clients.ClusterWorkflowTemplateClient, err = client.NewClusterWorkflowTemplateServiceClient(); err != nil {
		return err
	}
	// Strict: unknown fields are errors, as `argo lint` does by default.
	res, err := lint.Lint(context.Background(), &lint.LintOptions{Files: []string{file}, Strict: true, DefaultNamespace: "default", ServiceClients: clients})
	if err != nil {
		return err
	}
	var problems []error
	linted := false
	for _, r := range res.Results {
		linted = linted || r.Linted
		problems = append(problems, r.Errs...)
	}
	if !linted {
		return fmt.Errorf("no Argo object found to lint")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%v", problems)
	}
	return nil
}
