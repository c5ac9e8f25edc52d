package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
)

// runAPIServer starts etcd inside this process, on loopback, then kube-apiserver pointed at it.
// Flags before `--` are ours; the rest go to kube-apiserver unchanged.
func runAPIServer(args []string) error {
	fs := flag.NewFlagSet("apiserver", flag.ContinueOnError)
	dataDir := fs.String("etcd-data-dir", "", "etcd data directory")
	clientPort := fs.Int("etcd-client-port", 2379, "etcd client port on 127.0.0.1")
	peerPort := fs.Int("etcd-peer-port", 2380, "etcd peer port on 127.0.0.1")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dataDir == "" {
		return fmt.Errorf("--etcd-data-dir is required")
	}
	clientURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", *clientPort)}
	peerURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", *peerPort)}
	cfg := embed.NewConfig()
	cfg.Name = "sluice"
	cfg.Dir = *dataDir
	cfg.LogLevel = "error"
	cfg.ListenClientUrls = []url.URL{clientURL}
	cfg.AdvertiseClientUrls = []url.URL{clientURL}
	cfg.ListenPeerUrls = []url.URL{peerURL}
	cfg.AdvertisePeerUrls = []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	// Argo's full CRDs are over a megabyte each; leave them room.
	cfg.MaxRequestBytes = 8 * 1024 * 1024
	etcd, err := embed.StartEtcd(cfg)
	if err != nil {
		return fmt.Errorf("starting etcd: %w", err)
	}
	defer etcd.Close()
	select {
	case <-etcd.Server.ReadyNotify():
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("etcd was not ready after 2 minutes")
	}
	cmd := apiserver.NewAPIServerCommand()
	cmd.SetArgs(append([]string{"--etcd-servers=" + clientURL.String()}, fs.Args()...))
	os.Args = []string{"kube-apiserver"}
	return cmd.Execute()
}
