// If a screen throws while drawing, show the sentence and a way back instead of a blank page.
import { Component, type ReactNode } from "react";

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string; message: string; back: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card" role="alert">
        <h1>{this.props.message}</h1>
        <p>{this.state.error.message}</p>
        <a href="/jobs">{this.props.back}</a>
      </div>
    );
  }
}
