using Cake.Core;

namespace Cake.Frosting;

/// <summary>Cake's console, writing where the host was told to write, in colour only when <paramref name="colors"/> says so.</summary>
internal sealed class HostConsole(TextWriter output, ICakeEnvironment environment, bool colors) : IConsole
{
    private readonly CakeConsole _console = new(environment);

    public ConsoleColor ForegroundColor
    {
        get => _console.ForegroundColor;
        set
        {
            if (colors && ReferenceEquals(output, Console.Out))
            {
                _console.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => _console.BackgroundColor;
        set
        {
            if (colors && ReferenceEquals(output, Console.Out))
            {
                _console.BackgroundColor = value;
            }
        }
    }

    public bool SupportAnsiEscapeCodes => colors;

    public void Write(string format, params object[] arg) => output.Write(format, arg);

    public void Write(string value) => output.Write(value);

    public void WriteLine(string format, params object[] arg) => output.WriteLine(format, arg);

    public void WriteLine(string value) => output.WriteLine(value);

    // Errors share the output stream so a captured run keeps its order.
    public void WriteError(string format, params object[] arg) => output.Write(format, arg);

    public void WriteError(string value) => output.Write(value);

    public void WriteErrorLine(string format, params object[] arg) => output.WriteLine(format, arg);

    public void WriteErrorLine(string value) => output.WriteLine(value);

    public void ResetColor()
    {
        if (colors && ReferenceEquals(output, Console.Out))
        {
            _console.ResetColor();
        }
    }
}
