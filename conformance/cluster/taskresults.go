package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	wfv1 "github.com/argoproj/argo-workflows/v3/pkg/apis/workflow/v1alpha1"
	wfclientset "github.com/argoproj/argo-workflows/v3/pkg/client/clientset/versioned"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

// runTestTaskResults is a TEST-ONLY stand-in for Argo's executor (argoexec), which kwok's fake
// node never runs. When a workflow pod ends it writes the WorkflowTaskResult the executor would
// have written, so the controller can finish the node. Output parameters cannot be read from a
// container that never ran: each gets the pod annotation `sluice.test/output.NAME` if present,
// else the parameter's default, else "sluice-test". It never exists outside the test cluster.
func runTestTaskResults(args []string) error {
	fs := flag.NewFlagSet("test-taskresults", flag.ContinueOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig")
	if err := fs.Parse(args); err != nil {
		return err
	}
	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	kube := kubernetes.NewForConfigOrDie(config)
	wf := wfclientset.NewForConfigOrDie(config)
	factory := informers.NewSharedInformerFactoryWithOptions(kube, 0, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
		o.LabelSelector = "workflows.argoproj.io/workflow"
	}))
	handle := func(obj interface{}) {
		pod, ok := obj.(*corev1.Pod)
		if !ok || (pod.Status.Phase != corev1.PodSucceeded && pod.Status.Phase != corev1.PodFailed) {
			return
		}
		if err := writeTaskResult(ctx, wf, pod); err != nil {
			fmt.Fprintf(os.Stderr, "test-taskresults: %s/%s: %v\n", pod.Namespace, pod.Name, err)
		}
	}
	_, _ = factory.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    handle,
		UpdateFunc: func(_, obj interface{}) { handle(obj) },
	})
	factory.Start(ctx.Done())
	<-ctx.Done()
	return nil
}

func writeTaskResult(ctx context.Context, wf wfclientset.Interface, pod *corev1.Pod) error {
	nodeID := pod.Annotations["workflows.argoproj.io/node-id"]
	workflow := pod.Labels["workflows.argoproj.io/workflow"]
	if nodeID == "" || workflow == "" {
		return nil
	}
	outputs := &wfv1.Outputs{}
	if tmpl := podTemplate(pod); tmpl != nil && tmpl.Outputs.Parameters != nil {
		for _, p := range tmpl.Outputs.Parameters {
			value := "sluice-test"
			if p.ValueFrom != nil && p.ValueFrom.Default != nil {
				value = p.ValueFrom.Default.String()
			}
			if v, ok := pod.Annotations["sluice.test/output."+p.Name]; ok {
				value = v
			}
			outputs.Parameters = append(outputs.Parameters, wfv1.Parameter{Name: p.Name, Value: wfv1.AnyStringPtr(value)})
		}
	}
	exit := "0"
	if pod.Status.Phase == corev1.PodFailed {
		exit = "1"
	}
	outputs.ExitCode = &exit
	result := &wfv1.WorkflowTaskResult{
		ObjectMeta: metav1.ObjectMeta{
			Name:      nodeID,
			Namespace: pod.Namespace,
			Labels: map[string]string{
				"workflows.argoproj.io/workflow":                 workflow,
				"workflows.argoproj.io/report-outputs-completed": "true",
			},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "Pod", Name: pod.Name, UID: pod.UID}},
		},
		NodeResult: wfv1.NodeResult{Outputs: outputs},
	}
	_, err := wf.ArgoprojV1alpha1().WorkflowTaskResults(pod.Namespace).Create(ctx, result, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

// podTemplate reads the template the controller put into the pod's ARGO_TEMPLATE variable.
func podTemplate(pod *corev1.Pod) *wfv1.Template {
	for _, c := range append(pod.Spec.InitContainers, pod.Spec.Containers...) {
		for _, e := range c.Env {
			if e.Name == "ARGO_TEMPLATE" {
				var t wfv1.Template
				if json.Unmarshal([]byte(e.Value), &t) == nil {
					return &t
				}
			}
		}
	}
	return nil
}
