package main

import (
	"os"

	"sigs.k8s.io/kwok/pkg/config"
	kwokcmd "sigs.k8s.io/kwok/pkg/kwok/cmd"
	"sigs.k8s.io/kwok/pkg/log"
	"sigs.k8s.io/kwok/pkg/utils/signals"

	"github.com/spf13/pflag"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

func runScheduler(args []string) error {
	cmd := scheduler.NewSchedulerCommand()
	cmd.SetArgs(args)
	os.Args = []string{"kube-scheduler"}
	return cmd.Execute()
}

func runControllerManager(args []string) error {
	cmd := controllermanager.NewControllerManagerCommand()
	cmd.SetArgs(args)
	os.Args = []string{"kube-controller-manager"}
	return cmd.Execute()
}

// runKwok runs kwok's controller: it plays the kubelet of fake nodes, moving pods through the
// stages given with --config (cluster/kwok-stages.yaml).
func runKwok(args []string) error {
	global := pflag.NewFlagSet("global", pflag.ContinueOnError)
	global.ParseErrorsAllowlist.UnknownFlags = true
	global.Usage = func() {}
	os.Args = append([]string{"kwok"}, args...)
	ctx := signals.SetupSignalContext()
	ctx, _ = log.InitFlags(ctx, global)
	ctx, err := config.InitFlags(ctx, global)
	if err != nil {
		return err
	}
	cmd := kwokcmd.NewCommand(ctx)
	// component-base's verflag (linked in for kube-apiserver) defines a global non-bool --version
	// flag that cobra merges into every command; kwok's own bool --version would clash with it.
	cmd.Version = ""
	cmd.PersistentFlags().AddFlagSet(global)
	cmd.SetArgs(args)
	return cmd.ExecuteContext(ctx)
}
