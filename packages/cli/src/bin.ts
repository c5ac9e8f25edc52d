console.log("sluice: CLI not implemented yet");
