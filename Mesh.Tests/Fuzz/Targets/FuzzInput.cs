namespace Mesh.Tests.Fuzz.Targets;

/// <summary>
/// Runs one fuzz input through a decoder. Returns normally for every input the decoder handles as documented
/// (accepted, rejected with a status, or rejected with its documented exception); anything else escapes and is a finding.
/// </summary>
/// <param name="input">The bytes as they would arrive from the network or disk.</param>
internal delegate void FuzzInput(ReadOnlySpan<byte> input);
