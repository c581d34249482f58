namespace Mesh.Tests.Fuzz.Targets;

/// <summary>A named decoder entry point for the fuzzer (<c>Mesh.Fuzz NAME</c>) and the corpus regression tests.</summary>
/// <param name="Name">The name on the command line and of the corpus folder <c>fuzz/corpus/NAME</c>.</param>
/// <param name="Description">What the target decodes, for <c>Mesh.Fuzz --list</c>.</param>
/// <param name="Run">Feeds one input to the decoder.</param>
internal sealed record FuzzTarget(string Name, string Description, FuzzInput Run);
