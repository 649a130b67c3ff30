using Switchyard.Hosting.Cli;

return await SwitchyardCli.RunAsync(args);
