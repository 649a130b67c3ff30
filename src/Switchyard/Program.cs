using Switchyard.Hosting;

return await SwitchyardCli.RunAsync(args);
