using Mesh.Core.Probe;
using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Probe;

[TestFixture]
public sealed class NvidiaSmiParserTests
{
    [Test]
    public void Parse_TwoGpus_ReadsModelAndMemory()
    {
        var gpus = NvidiaSmiParser.Parse("NVIDIA H100 80GB HBM3, 81559\nNVIDIA GeForce RTX 3090, 24576\n");
        Assert.That(gpus, Is.EqualTo(new[]
        {
            new GpuDevice("NVIDIA H100 80GB HBM3", 81559L << 20),
            new GpuDevice("NVIDIA GeForce RTX 3090", 24576L << 20),
        }));
    }

    [Test]
    public void Parse_NameWithCommaAndUnknownMemory_KeepsTheGpu()
    {
        var gpus = NvidiaSmiParser.Parse("Tesla, Inc. Board, [N/A]\r\n");
        Assert.That(gpus, Is.EqualTo(new[] { new GpuDevice("Tesla, Inc. Board", 0) }));
    }

    [TestCase("")]
    [TestCase("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")]
    [TestCase(", 1024")]
    [TestCase("GPU, lots")]
    public void Parse_ErrorsAndJunk_NoGpus(string output) => Assert.That(NvidiaSmiParser.Parse(output), Is.Empty);
}
