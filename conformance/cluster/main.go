// Command sluice-cluster is the test cluster of Sluice's submit conformance: one binary holding a
// Kubernetes control plane (kube-apiserver with etcd embedded, kube-scheduler,
// kube-controller-manager), kwok's fake node and Argo's workflow-controller. Each runs as its own
// process (`sluice-cluster COMPONENT FLAGS...`) because the components register global flags and
// signal handlers that do not share one process well; cluster.sh starts and stops them.
package main

import (
	"fmt"
	"os"
)

var components = map[string]func(args []string) error{
	"apiserver":           runAPIServer,
	"scheduler":           runScheduler,
	"controller-manager":  runControllerManager,
	"kwok":                runKwok,
	"workflow-controller": runWorkflowController,
	"test-taskresults":    runTestTaskResults,
}

func main() {
	if len(os.Args) < 2 || components[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: sluice-cluster apiserver|scheduler|controller-manager|kwok|workflow-controller|test-taskresults [FLAGS...]")
		os.Exit(2)
	}
	// The components rewrite os.Args for their own flag parsing: keep the name first.
	name := os.Args[1]
	if err := components[name](os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "sluice-cluster %s: %v\n", name, err)
		os.Exit(1)
	}
}
