using System.CommandLine;
using Mesh.Cli.Commands;

namespace Mesh.Cli;

/// <summary>The <c>mesh</c> command.</summary>
public static class Program
{
    /// <summary>Entry point: the real node socket, the system clock, the console.</summary>
    public static Task<int> Main(string[] args) =>
        CliRunner.RunAsync(CreateRootCommand(CliContext.Default), args, Console.Out, Console.Error);

    /// <summary>Builds the root command from the small command classes and the global <c>--node</c> option.</summary>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = NodeOption.Create();
        var root = new RootCommand("mesh: see and use the mesh through the local mesh-node.") { node };
        root.Subcommands.Add(NodeCommand.Create(node, context));
        root.Subcommands.Add(PeersCommand.Create(node, context));
        root.Subcommands.Add(SubmitCommand.Create(node, context));
        root.Subcommands.Add(RunCommand.Create(node, context));
        root.Subcommands.Add(StatusCommand.Create(node, context));
        root.Subcommands.Add(TasksCommand.Create(node, context));
        root.Subcommands.Add(LogsCommand.Create(node, context));
        root.Subcommands.Add(WaitCommand.Create(node, context));
        root.Subcommands.Add(CancelCommand.Create(node, context));
        root.Subcommands.Add(JournalCommand.Create(node, context));

        root.Subcommands.Add(Top.TopCommand.Create(node, context.Connect));
        return root;
    }
}
