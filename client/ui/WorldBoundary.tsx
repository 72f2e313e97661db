import { Component, type ReactNode } from 'react'

/** Catches a failing 3D view (lost or missing WebGL) so the rest of the lesson keeps working. */
export class WorldBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
