using Cake.Core;

namespace Cake.Frosting;

/// <summary>Cake's console, writing where the host was told to write.</summary>
internal sealed class HostConsole(TextWriter output, ICakeEnvironment environment) : IConsole
{
    private readonly CakeConsole _colors = new(environment);

    public ConsoleColor ForegroundColor
    {
        get => _colors.ForegroundColor;
        set
        {
            if (ReferenceEquals(output, Console.Out))
            {
                _colors.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => _colors.BackgroundColor;
        set
        {
            if (ReferenceEquals(output, Console.Out))
            {
                _colors.BackgroundColor = value;
            }
        }
    }

    public bool SupportAnsiEscapeCodes => ReferenceEquals(output, Console.Out) && _colors.SupportAnsiEscapeCodes;

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
        if (ReferenceEquals(output, Console.Out))
        {
            _colors.ResetColor();
        }
    }
}
