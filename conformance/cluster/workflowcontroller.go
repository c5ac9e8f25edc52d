package main

import (
	"context"
	"flag"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	wfclientset "github.com/argoproj/argo-workflows/v3/pkg/client/clientset/versioned"
	"github.com/argoproj/argo-workflows/v3/workflow/controller"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// runWorkflowController runs Argo's real workflow-controller in single-instance mode. Unlike
// upstream's main it does not install util/logs' request-logging transport (it does not compile
// against the k8s.io/client-go this module uses) and serves /healthz on 127.0.0.1 only.
func runWorkflowController(args []string) error {
	fs := flag.NewFlagSet("workflow-controller", flag.ContinueOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig of the controller's identity")
	namespace := fs.String("namespace", "argo", "namespace holding the controller's ConfigMap")
	configMap := fs.String("configmap", "workflow-controller-configmap", "controller ConfigMap name")
	executorImage := fs.String("executor-image", "quay.io/argoproj/argoexec:v3.7.18", "executor image named in pods (never pulled: kwok runs no containers)")
	healthAddr := fs.String("health-addr", "127.0.0.1:6060", "address of /healthz")
	managed := fs.String("managed-namespace", "", "run only the workflows of this namespace (default: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	config.QPS, config.Burst = 50, 100
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	kube := kubernetes.NewForConfigOrDie(config)
	wf := wfclientset.NewForConfigOrDie(config)
	wfc, err := controller.NewWorkflowController(ctx, config, kube, wf, *namespace, *managed, *executorImage, "", "text", *configMap, false)
	if err != nil {
		return err
	}
	go wfc.Run(ctx, 8, 2, 2, 2, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", wfc.Healthz)
	listener, err := net.Listen("tcp", *healthAddr)
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(listener, mux) }()
	<-ctx.Done()
	return nil
}
